"""Who builds and who runs: the stacks' user layouts (a build user and a run user of one group),
the users outside them, and the platform layouts (how each platform hands the app dir to the
build, read in its sources; see docs/PLATFORMS.md). A new user layout goes in LAYOUTS (and its users
in integration/run), a new platform layout in PLATFORMS."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Layout:
    """A stack's pair of users: the build user and the run user share a group."""

    name: str
    build: tuple[int, int]
    run: tuple[int, int]
    distro: tuple[str, str]


LAYOUTS = [
    Layout("jammy", build=(1001, 1000), run=(1002, 1000), distro=("ubuntu", "22.04")),
    Layout("noble", build=(1001, 1001), run=(1002, 1001), distro=("ubuntu", "24.04")),
    Layout("ubi9", build=(1002, 1000), run=(1001, 1000), distro=("rhel", "9.4")),
]

# A user in none of the build groups (created by integration/run): after the export it may write
# nothing in the app, except what a platform made world-writable and the build could not change.
OUTSIDER = (1003, 1003)
# OpenShift runs a pod as an arbitrary uid of the namespace's range, in group 0.
OPENSHIFT_UID = 1000680000
# Tekton's catalog `buildpacks` task chowns the source to its USER_ID:GROUP_ID parameters.
TEKTON_OWNER = (1000, 1000)


@dataclasses.dataclass(frozen=True)
class Platform:
    """How a platform hands the app dir to the build, read in its sources (see docs/PLATFORMS.md).

    `root_mode` and `root_owner` are the app dir's own mode and owner during the build (None: the
    owner of the contents); `contents_mode` replaces every entry's mode (None: the host's modes, as
    a checkout with umask 022 has them); `setgid_dirs` makes every subdirectory setgid (a volume
    with `fsGroup`: new dirs inherit setgid); `source_owner` owns the contents (None: the build
    user); `build_gid` replaces the build user's gid for the build and the export (`pack build
    --gid`); `run_user` replaces the layout's run user.
    """

    name: str
    description: str
    root_mode: int
    root_owner: tuple[int | None, int | None] = (None, None)
    contents_mode: int | None = None
    setgid_dirs: bool = False
    source_owner: tuple[int, int] | None = None
    build_gid: int | None = None
    run_user: tuple[int, int] | None = None

    def build_user(self, layout):
        """(uid, gid) the build runs as and the exporter gives every entry."""
        uid, gid = layout.build
        return (uid, gid if self.build_gid is None else self.build_gid)

    def run_as(self, layout):
        """(uid, gid) of the app's process: a user of the build group."""
        return self.run_user or layout.run

    def contents_owner(self, layout):
        return self.source_owner or self.build_user(layout)

    def root_owner_of(self, layout):
        uid, gid = self.contents_owner(layout)
        return (
            uid if self.root_owner[0] is None else self.root_owner[0],
            gid if self.root_owner[1] is None else self.root_owner[1],
        )


IDEALISED = Platform(
    "spring-boot",
    "Spring Boot bootBuildImage, `pack --path app.jar`: the build user owns the app"
    " dir, 0755 (the idealised layout)",
    root_mode=0o755,
)
PLATFORMS = [
    IDEALISED,
    Platform(
        "pack",
        "pack >= 0.30 from a directory: the build user owns the app dir, 0777 (pack's"
        " root tar header); contents keep the host's modes",
        root_mode=0o777,
    ),
    Platform(
        "pack-windows",
        "pack on a Windows host: the app dir and every entry 0777",
        root_mode=0o777,
        contents_mode=0o777,
    ),
    Platform(
        "kpack",
        "kpack: the app dir is an emptyDir with fsGroup (uid 0, the build gid, 2777);"
        " the build user's contents, subdirectories setgid",
        root_mode=0o2777,
        root_owner=(0, None),
        setgid_dirs=True,
    ),
    Platform(
        "shipwright",
        "Shipwright buildpacks-v3: the app dir is an emptyDir (uid 0, gid 0,"
        " 0777); the build user's contents",
        root_mode=0o777,
        root_owner=(0, 0),
    ),
    Platform(
        "tekton",
        "Tekton catalog buildpacks 0.7: `chown -R USER_ID:GROUP_ID` (1000:1000, not"
        " the builder's build user) and `chmod 775` on the source",
        root_mode=0o775,
        source_owner=TEKTON_OWNER,
    ),
    Platform(
        "openshift",
        "OpenShift with `pack build --gid 0`: as pack, built and exported with gid"
        f" 0; the pod runs uid {OPENSHIFT_UID} in group 0",
        root_mode=0o777,
        build_gid=0,
        run_user=(OPENSHIFT_UID, 0),
    ),
]
