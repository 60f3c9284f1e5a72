from django.core.management.base import BaseCommand, CommandError

from comments import trees


class Command(BaseCommand):
    help = (
        "Checks every comment tree: lft/rght run 1..2n, replies sit inside their parents "
        "one level down, on the same post. Exits non-zero when a tree is damaged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="rebuild the damaged trees (only those) from their parent links",
        )

    def handle(self, *args, repair, **options):
        checked, problems = trees.survey()
        damaged = self.report(problems)
        if damaged and repair:
            trees.repair(damaged)
            ids = ", ".join(map(str, damaged))
            self.stdout.write(f"Rebuilt {count_trees(len(damaged))}: {ids}.")
            checked, problems = trees.survey()
            damaged = self.report(problems)
        if damaged:
            raise CommandError(
                f"{len(damaged)} of {count_trees(checked)} damaged"
                + ("." if repair else ": run with --repair to rebuild them.")
            )
        self.stdout.write(f"{count_trees(checked)} checked, all sound.")

    def report(self, problems):
        """Prints each problem; returns the damaged trees' ids."""
        for problem in problems:
            self.stdout.write(str(problem))
        return sorted({problem.tree_id for problem in problems})


def count_trees(count):
    return f"{count} tree{'s' if count != 1 else ''}"
