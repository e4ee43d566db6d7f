from django.core.management.base import BaseCommand

from puebla.search.services import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from every record of every searchable kind "
        "(after bulk writes, imports or a restore)."
    )

    def handle(self, *args, **options):
        indexed = index_rebuild()
        if options["verbosity"] >= 1:
            for kind, count in indexed.items():
                self.stdout.write(f"{kind}: {count} indexed")
            self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
