#!/usr/bin/env python3
"""Checks the shared-mime-info type of .bekal packages the way a file manager sees it.

Builds a MIME database from the given package file in a temporary folder with
update-mime-database, then asks GIO (gio info) for the content type of sample files:
a package is application/x-bekal-module by its name and, when the name is lost, by its
first entry (manifest.xml); other zip files stay application/zip.

  test-mime-type.py MIME-XML"""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

TYPE = "application/x-bekal-module"


def write_zip(path, first_entry):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(first_entry, "<manifest/>\n" if first_entry == "manifest.xml" else "hi\n")
        archive.writestr("module/module.id.xml", "<module/>\n")


def content_type(path, data_dirs, home):
    env = dict(os.environ, XDG_DATA_DIRS=data_dirs, XDG_DATA_HOME=home)
    out = subprocess.run(["gio", "info", "-a", "standard::content-type", path], env=env,
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        line = line.strip()
        prefix = "standard::content-type:"
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    raise RuntimeError(f"gio info printed no content type for {path}:\n{out}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for tool in ("update-mime-database", "gio"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: install shared-mime-info and libglib2.0-bin",
                  file=sys.stderr)
            return 1

    with tempfile.TemporaryDirectory(prefix="bekal-mime-") as tmp:
        share = os.path.join(tmp, "share")
        packages = os.path.join(share, "mime", "packages")
        home = os.path.join(tmp, "home")
        files = os.path.join(tmp, "files")
        for folder in (packages, home, files):
            os.makedirs(folder)
        shutil.copy(sys.argv[1], packages)
        subprocess.run(["update-mime-database", os.path.join(share, "mime")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def sample(name, first_entry):
            path = os.path.join(files, name)
            write_zip(path, first_entry)
            return path

        expected = [
            (sample("orientasi-sentra.bekal", "manifest.xml"), TYPE),
            # a download that lost its name: the magic finds the manifest first
            (sample("download", "manifest.xml"), TYPE),
            # other zip files, named or not, are not claimed
            (sample("photos.zip", "photo.jpg"), "application/zip"),
            (sample("archive", "README"), "application/zip"),
        ]

        ours = f"{share}:/usr/share"
        failures = 0
        for path, wanted in expected:
            got = content_type(path, ours, home)
            verdict = "ok" if got == wanted else "FAILED"
            print(f"{verdict}: {os.path.basename(path)} is {got} (expected {wanted})")
            failures += got != wanted

        # the check above must come from this file: without it the package is a plain zip
        got = content_type(expected[0][0], "/usr/share", home)
        if got == TYPE:
            print(f"FAILED: {TYPE} is known without this file; the test proves nothing")
            failures += 1

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
