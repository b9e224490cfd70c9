from repository.models.taxonomy import Topic

__all__ = ["Topic"]
