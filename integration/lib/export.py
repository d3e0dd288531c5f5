"""The lifecycle exporter's part the suites need: the app dir and the launch layer tarred with
every owner rewritten to the build user, modes kept, and unpacked as root into an image dir."""

import subprocess

from cnb import LAYER_NAME
from tree import remove_tree


def export_image(lc):
    """Tars the app dir and the launch layer with owners rewritten to the build user and unpacks
    them as root into a fresh image dir, keeping modes (what the lifecycle exporter does: the
    app dir itself too, with the mode it has after the build)."""
    uid, gid = lc.build_user
    remove_tree(lc.image)
    lc.image_workspace.mkdir(parents=True)
    lc.image_layer.parent.mkdir(parents=True)
    pairs = [(lc.workspace, ".", lc.image_workspace)]
    if (lc.layers / LAYER_NAME).is_dir():
        pairs.append((lc.layers, LAYER_NAME, lc.image_layer.parent))
    for source_dir, member, target in pairs:
        archive = lc.root / "export.tar"
        subprocess.run(
            [
                "tar",
                "-C",
                str(source_dir),
                f"--owner={uid}",
                f"--group={gid}",
                "--numeric-owner",
                "-cf",
                str(archive),
                member,
            ],
            check=True,
        )
        subprocess.run(
            [
                "tar",
                "-C",
                str(target),
                "--same-permissions",
                "--same-owner",
                "--numeric-owner",
                "-xf",
                str(archive),
            ],
            check=True,
        )
        archive.unlink()
