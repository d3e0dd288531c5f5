// Declarations only (include/FuzzDriver.h); libclang_rt.fuzzer defines LLVMFuzzerRunDriver.
#include "FuzzDriver.h"
