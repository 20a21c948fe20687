"""The web page for editors: ``create_app()`` builds the ASGI app that ``factcheck serve`` runs."""

from extractor.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
