/**
 * The longest period a report covers, in years: the figures are counted month by month, and a
 * covenant runs years, not centuries. Its own module so the tab can check it without luxon.
 */
export const MAX_PERIOD_YEARS = 10;
