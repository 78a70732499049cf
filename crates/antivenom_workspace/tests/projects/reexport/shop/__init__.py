from .services import *  # noqa: F403
