#ifndef GW_FUZZ_DRIVER_H
#define GW_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt's FuzzerInterface.h): parses libFuzzer's flags from argv and
/// fuzzes `callback`. The fuzz executables call it from their own `main`, because SwiftPM gives
/// every executable a Swift entry point, so libFuzzer's `main` is never linked in.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
