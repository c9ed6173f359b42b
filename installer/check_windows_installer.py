"""The Windows installer checked as far as Linux allows (installer/build_windows_wine.sh, step 5):

    python installer/check_windows_installer.py BUNDLE ISCC_LOG ISS INNO_BIN

- its contents: every file of the bundle was compressed into it, and nothing else (from Inno
  Setup's own compile log, "Compressing: …" lines, compared with the bundle's files);
- its languages: Spanish and English, from the Inno package's message files, each custom message
  in both;
- per-user: no administrator (PrivilegesRequired=lowest), into the user's own
  %LOCALAPPDATA%\\Programs;
- the data folder the uninstaller offers to delete is the one the app keeps the shop's data in
  (platformdirs' user data folder for APP_NAME), and it is kept unless the person ticks the box,
  and always on a silent uninstall.

Prints one line per check; exit status 1 when one fails."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loyalty.common.paths import APP_NAME  # noqa: E402


def main(bundle: Path, iscc_log: Path, iss: Path, inno_bin: Path) -> int:
    failed = []

    def check(name: str, ok: bool, detail: str) -> None:
        print(f"{'ok' if ok else 'FAILED'}: {name}: {detail}")
        if not ok:
            failed.append(name)

    log = iscc_log.read_text(encoding="utf-8", errors="replace")
    prefix = bundle.name + "\\"
    packed = set()
    for line in log.splitlines():
        found = re.match(r"\s*Compressing: (.*)$", line)
        if found and prefix in found.group(1):
            packed.add(found.group(1).split(prefix, 1)[1].replace("\\", "/"))
    files = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    check("contents", packed == files, f"{len(packed)} files compressed, {len(files)} in the bundle"
          + (f"; missing {sorted(files - packed)[:5]}, extra {sorted(packed - files)[:5]}" if packed != files else ""))

    script = iss.read_bytes().decode("utf-8-sig")
    languages = dict(re.findall(r'^Name: "(\w+)"; MessagesFile: "compiler:([^"]+)"', script, re.M))
    present = all((inno_bin / file.replace("\\", "/")).is_file() for file in languages.values())
    check("languages", set(languages) == {"es", "en"} and present and "Languages\\Spanish.isl" in log,
          ", ".join(f"{name}: {file}" for name, file in languages.items()) + " (read by the compiler)")
    messages = {}
    for language, key in re.findall(r"^(\w+)\.(\w+)=", script, re.M):
        messages.setdefault(key, set()).add(language)
    one_sided = sorted(key for key, where in messages.items() if where != {"es", "en"})
    check("messages", bool(messages) and not one_sided,
          f"{len(messages)} custom messages, each in Spanish and English" if not one_sided else f"only one language: "
          f"{one_sided}")

    per_user = (re.search(r"^PrivilegesRequired=lowest$", script, re.M)
                and "DefaultDirName={localappdata}\\Programs\\" in script)
    check("per-user install", bool(per_user), "PrivilegesRequired=lowest, into %LOCALAPPDATA%\\Programs: no "
                                              "administrator asked")

    data = re.search(r'#define DataFolderName "([^"]+)"', script)
    offered = re.search(r"ExpandConstant\('\{localappdata\}\\\{#DataFolderName\}'\)", script)
    check("data folder", bool(data and offered and data.group(1) == APP_NAME),
          f"the uninstaller offers %LOCALAPPDATA%\\{data.group(1) if data else '?'}, the app's data folder "
          f"(platformdirs, '{APP_NAME}')")
    kept = ("Box.Checked := False" in script and "if UninstallSilent() then" in script
            and "DelTree(DataFolder()" in script)
    check("data kept by default", kept, "the box is unticked, a silent uninstall never deletes it, a ticked one "
                                        "asks again before DelTree")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*(Path(argument) for argument in sys.argv[1:])))
