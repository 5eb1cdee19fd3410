"""Scale of industrial digitalization and the agglomeration index of its practitioners (eq. 1-9).

From China's provincial input-output tables this package computes, following
Liu (2026), *Research on the measurement and influencing factors of the
agglomeration degree of industrial digitalization talents in China*, WJARR
30(01), sections 3.2-3.3:

* eq. 1-3 - tables for the years between benchmark tables by RAS updating;
* eq. 4 - the digital consumption coefficient of each sector (how much of its
  inputs come from the digital-core sectors);
* eq. 5-6 - the value added of industrial digitalization, coefficient x total
  output x value-added rate of the sector (= coefficient x value added);
* eq. 7-8 - practitioners = digital value added / (GDP / employed persons);
* eq. 9 - the location quotient of practitioners (the agglomeration index).

One module per concept; everything is re-exported here, so
``from core import digitalization; digitalization.index_from_io(2017)`` works:

========================================  =====================================================
:mod:`core.digitalization.sectors`         the 42 sectors, digital-core presets, year-aware codes
:mod:`core.digitalization.stacks`          tables as arrays; benchmark table or RAS update
                                           (:func:`table_for`, :func:`has_control_totals`)
:mod:`core.digitalization.equations`       eq. 4-8 as short pure functions; readings of eq. 4-6
:mod:`core.digitalization.employment`      where total employment comes from
:mod:`core.digitalization.scale`           eq. 4-9 for every province of one table year
:mod:`core.digitalization.series`          :func:`index_from_io` (one year), :func:`index_by_year`
                                           (observed years), :func:`yearly_index` (labelled series)
:mod:`core.digitalization.ras_update`      one table RAS-updated: control totals, change in A
:mod:`core.digitalization.compare`         the computed index beside the published Table 1
                                           (values, ranks, Spearman by year)
:mod:`core.agglomeration`                  eq. 9 itself, :func:`location_quotient`, and rankings
========================================  =====================================================

Eq. 4 as printed is ambiguous and does not by itself reproduce Table 1, so its
readings are named variants (:class:`Variant`, see
:mod:`core.digitalization.equations`).  Measured on the bundled tables (30
provinces, Spearman rank correlation with Table 1, population-weighted
employment): traditional 0.28-0.43 (2012) and 0.14-0.32 (2017); plus core
(direct) 0.91 / 0.98; core only 0.93 / 0.98.  :data:`DEFAULT_VARIANT` is the
reading that reproduces Table 1 best (a test re-measures this).

Units: IO values and value added in 10,000 yuan (万元), employment in 10,000
persons, labour productivity in yuan per person, practitioners in 10,000 persons.
"""

from __future__ import annotations

from core import datasets, io_tables  # noqa: F401  (kept as attributes: digitalization.io_tables.RasError)
from core.agglomeration import location_quotient
from core.digitalization.compare import (STATUS_GROUPS, compare_with_published, rank_correlation,
                                         rank_correlation_by_year, series_beside_published)
from core.digitalization.employment import EmploymentSource, employment_from_upload, population_employment
from core.digitalization.equations import (COEFFICIENTS, DEFAULT_VARIANT, SCOPES, Variant, digital_coefficients,
                                           digital_value_added, labour_productivity, practitioners)
from core.digitalization.ras_update import TableUpdate, coefficient_change, control_totals_frame, province_update
from core.digitalization.scale import province_scale, sector_table
from core.digitalization.sectors import (BENCHMARK_YEARS, SECTORS, concept_table, digital_codes, preset_concepts,
                                         sector_mask)
from core.digitalization.series import IndexByYear, index_by_year, index_from_io, yearly_index
from core.digitalization.stacks import (BASE_RULES, DIRECT_YEARS, YUAN_PER_10K, ControlTotals, IOStack,
                                        base_year_for, benchmark_stacks, bundled_stacks, control_totals, control_years,
                                        has_control_totals, io_stack, table_for, update_stack, update_table)
from core.errors import DigitalizationError

__all__ = [
    "DigitalizationError", "Variant", "BASE_RULES", "DEFAULT_VARIANT", "COEFFICIENTS", "SCOPES", "BENCHMARK_YEARS",
    "SECTORS", "DIRECT_YEARS", "YUAN_PER_10K",
    "preset_concepts", "concept_table", "digital_codes", "sector_mask", "IOStack",
    "benchmark_stacks", "bundled_stacks", "io_stack", "digital_coefficients", "digital_value_added", "labour_productivity",
    "practitioners", "location_quotient", "province_scale", "sector_table", "EmploymentSource",
    "population_employment", "employment_from_upload", "base_year_for", "has_control_totals", "control_years",
    "table_for", "ControlTotals", "control_totals", "update_table", "update_stack", "yearly_index", "index_from_io",
    "rank_correlation", "compare_with_published",
    "STATUS_GROUPS", "series_beside_published", "rank_correlation_by_year",
    "TableUpdate", "coefficient_change", "control_totals_frame", "province_update",
    "IndexByYear", "index_by_year",
]
