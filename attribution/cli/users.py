"""``attribution users``: the people who may use the review desk (``attribution serve``).

Passwords are read from standard input (``--password-stdin``), never from the command
line, where other users of the machine could see them in the process list.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import UserError
from ..ledger import Ledger, ledger_path
from ..ledger.users import ROLES, Users


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise UserError("Give the password on standard input with --password-stdin, e.g. "
                        "printf '%s' \"$PASSWORD\" | attribution users add NAME --role reviewer --password-stdin")
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _add(users: Users, args: argparse.Namespace) -> int:
    user = users.add(args.name, args.role, _read_password(args))
    print(f"added {user.name} ({user.role})")
    return 0


def _password(users: Users, args: argparse.Namespace) -> int:
    users.set_password(args.name, _read_password(args))
    print(f"password changed for {args.name}")
    return 0


def _role(users: Users, args: argparse.Namespace) -> int:
    user = users.set_role(args.name, args.role)
    print(f"{user.name} is now {user.role}")
    return 0


def _remove(users: Users, args: argparse.Namespace) -> int:
    users.remove(args.name)
    print(f"removed {args.name} (their tokens are revoked; the history keeps their name)")
    return 0


def _token(users: Users, args: argparse.Namespace) -> int:
    if args.revoke:
        print(f"revoked {users.revoke_tokens(args.name)} token(s) of {args.name}")
        return 0
    print(users.issue_token(args.name))
    print("Keep this token secret: send it as 'Authorization: Bearer TOKEN'. It is not shown again.",
          file=sys.stderr)
    return 0


def _list(users: Users, args: argparse.Namespace) -> int:
    for u in users.list():
        print(f"{u.name}\t{u.role}\t{'active' if u.active else 'removed'}\t{u.created_at}")
    return 0


def _run(action, *, write: bool = True):  # noqa: ANN001, ANN202
    def run(args: argparse.Namespace) -> int:
        path = ledger_path(args.ledger)
        with (Ledger(path) if write else Ledger(path, readonly=True)) as ledger:
            return action(Users(ledger.db), args)

    return run


def register(subparsers: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--ledger", metavar="PATH", help="ledger file (default: $ATTRIBUTION_LEDGER, "
                        "else ~/.local/share/attribution/ledger.sqlite)")
    users = subparsers.add_parser("users", help="people and roles of the review desk (attribution serve)")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, func, *, named: bool = True, password: bool = False):  # noqa: ANN001, ANN202
        p = sub.add_parser(name, parents=[common], help=help_text)
        if named:
            p.add_argument("name")
        if password:
            p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        p.set_defaults(func=_run(func, write=name != "list"))
        return p

    p = action("add", "add a user (password on stdin)", _add, password=True)
    p.add_argument("--role", choices=ROLES, required=True, help="reviewer reviews; editor also publishes; "
                   "admin also manages users")
    action("password", "change a user's password (on stdin)", _password, password=True)
    action("role", "change a user's role", _role).add_argument("role", choices=ROLES)
    action("remove", "remove a user (and revoke their tokens)", _remove)
    action("token", "issue an API token for the JSON API (or --revoke)", _token).add_argument(
        "--revoke", action="store_true", help="revoke every token of the user instead")
    action("list", "list users", _list, named=False)
