from django.core.management.base import BaseCommand, CommandError

from blog import sequences
from blog.models import Post, Step


class Command(BaseCommand):
    help = (
        "Build each post's sequence from its pictures and text, as the admin's sequence "
        "builder proposes it: posts that already have steps, or where nothing is found, are "
        "left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--post", metavar="SLUG", help="only this post (its address)")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be made, save nothing"
        )

    def handle(self, *args, post=None, dry_run=False, **options):
        posts = Post.objects.order_by("published_at", "pk")
        if post is not None:
            posts = posts.filter(slug=post.strip())
            if not posts.exists():
                raise CommandError(f"There is no post with the address “{post}”.")
        made = skipped = 0
        for one in posts.iterator():
            if self.build(one, dry_run):
                made += 1
            else:
                skipped += 1
        verb = "would get" if dry_run else "got"
        self.stdout.write(
            f"{made} post{'s' if made != 1 else ''} {verb} a sequence; {skipped} left as they are."
        )

    def build(self, post, dry_run):
        """Proposes and (unless dry_run) saves `post`'s sequence, saying what it did."""
        existing = post.steps.count()
        if existing:
            steps = f"{existing} step{'s' if existing != 1 else ''}"
            self.stdout.write(f"{post.slug}: skipped, it already has {steps}")
            return False
        found = sequences.propose(post)
        chosen = sequences.choices(found)
        if not chosen:
            self.stdout.write(f"{post.slug}: skipped, {found.summary}")
            return False
        self.stdout.write(f"{post.slug}: {found.summary}")
        if found.default_words:
            self.stdout.write(f"  the post's default: {found.default_words}")
        new = sum(choice.exercise is None for choice in chosen)
        if dry_run:
            steps = [
                Step(exercise=choice_exercise(choice), **sequences.step_dosage(choice))
                for choice in chosen
            ]
            self.stdout.write(f"  would make {len(chosen)} steps ({new} new exercises):")
        else:
            steps = sequences.save(post, found, chosen)
            self.stdout.write(f"  made {len(steps)} steps ({new} new exercises):")
        for number, (step, choice) in enumerate(zip(steps, chosen, strict=True), 1):
            dosage = step.dosage() or "no dosage"
            self.stdout.write(f"  {number}. {choice.name}: {dosage}")
            for index in choice.indexes:
                for trouble in found.proposals[index].flagged:
                    self.stdout.write(f"     flagged: {trouble}")
        return True


def choice_exercise(choice):
    """The exercise a step would use: the library's, or one not saved, as it would be made."""
    return choice.exercise or sequences.new_exercise(choice, [], save=False)
