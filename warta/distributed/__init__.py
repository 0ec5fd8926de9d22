"""Scale out (optional extra ``warta[dask]``): the batch job on Dask, watching a folder.

:func:`batch` runs the per-article pipeline over partitions of the input on
Dask workers (or inline), stores the results through one writer and then
updates the corpus; :func:`watch` ingests new files of a folder as they
arrive.  See docs/scaling.md.
"""

from warta.distributed.batch import BatchSummary, batch

__all__ = ["BatchSummary", "batch"]
