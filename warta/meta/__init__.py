"""meta stage: outlet, title, dates, bylines, dateline, sources, captions.

Importing this package registers ``meta.text@1``.
"""

from warta.meta import text as _text  # noqa: F401  (registers the component)
