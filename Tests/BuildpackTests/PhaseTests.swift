import Buildpack
import Core
import Testing

@Suite struct PhaseTests {
  @Test(arguments: [
    ("/cnb/buildpacks/utility_group-writable/\(BuildpackInfo.version)/bin/detect", Phase.detect),
    ("bin/build", Phase.build), ("build", Phase.build), ("detect", Phase.detect),
    ("/layers/x/group-writable/exec.d/group-writable-check", Phase.runtimeCheck),
    ("group-writable", Phase.commandLine), ("/usr/local/bin/group-writable", Phase.commandLine),
    ("detect.sh", Phase.commandLine), ("bin/build-x", Phase.commandLine), ("", Phase.commandLine),
  ])
  func picksThePhaseFromTheExecutableName(path: String, expected: Phase) {
    #expect(Phase(executablePath: path) == expected)
  }
}
