"""The package's public surface: every name in kaesong.__all__ exists and has a docstring that
help() shows, and the installed layout imports from a plain site-packages directory."""

import inspect
import os
import subprocess
import sys

import kaesong
from conftest import SOURCE_DIR


def test_every_public_name_is_documented():
    assert kaesong.__doc__
    for name in kaesong.__all__:
        value = getattr(kaesong, name)
        if inspect.isclass(value) or callable(value):
            assert inspect.getdoc(value), f"kaesong.{name} has no docstring"
        if inspect.isclass(value):
            for member, method in vars(value).items():
                if not member.startswith("_") and callable(method):
                    assert inspect.getdoc(method), f"kaesong.{name}.{member} has no docstring"


def test_install_puts_a_working_package_into_site_packages(tmp_path):
    build = os.environ.get("KAESONG_BUILD_DIR", str(SOURCE_DIR / "build"))
    subprocess.run(["cmake", "--install", build, "--component", "Unspecified"], check=True,
                   capture_output=True, env={**os.environ, "DESTDIR": str(tmp_path)})
    packages = [p for p in tmp_path.rglob("kaesong") if (p / "__init__.py").exists()]
    assert len(packages) == 1, packages
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(packages[0].parent)
    out = subprocess.run([sys.executable, "-c", "import kaesong; print(kaesong.__file__)"],
                         check=True, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.stdout.startswith(str(packages[0]))
