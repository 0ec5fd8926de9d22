"""clean stage: keep the article body, drop page furniture.

Importing this package registers ``clean.text@1``.
"""

from warta.clean import text as _text  # noqa: F401  (registers the component)
