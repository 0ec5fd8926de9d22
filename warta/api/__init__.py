"""The REST API and web UI (extra ``api``): :func:`warta.api.app.create_app`, :func:`warta.api.serve.serve`."""
