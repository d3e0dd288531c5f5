"""Names the lifecycle and the buildpack's contract fix: the buildpack's id, its layers dir and
layer, the image label, the PATH every phase gets, and the expected-status marker ERROR."""

BUILDPACK_ID = "utility/group-writable"
ERROR = "error"  # an expected exit status: anything but 0 and 100
# The lifecycle names a buildpack's layers dir after its id with `/` replaced by `_`.
LAYERS_NAME = BUILDPACK_ID.replace("/", "_")
LAYER_NAME = "group-writable"
LABEL_KEY = "utility.group-writable.paths"
PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
