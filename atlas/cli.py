"""`python -m atlas.cli` still works for people used to it; the commands live in atlas.maintain.cli."""

from atlas.maintain.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
