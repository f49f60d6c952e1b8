from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Roadmaps"

    def ready(self) -> None:
        from roadmap import page_cache

        page_cache.connect()
