// Colours, fonts and size shared by every chart. The palette is Okabe–Ito, readable with every common kind of
// colour blindness; the warning colour (vermillion) is reserved for what needs attention: the leak, negative ROI.

export const CHART_WIDTH = 1200;
/** 16:9, the shape Slack's image preview shows without cropping. */
export const CHART_HEIGHT = 675;

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export const WARNING_COLOR = OKABE_ITO.vermillion;
export const PRIMARY_COLOR = OKABE_ITO.blue;
export const POSITIVE_COLOR = OKABE_ITO.bluishGreen;
export const PLAN_COLOR = OKABE_ITO.skyBlue;
/** What is projected rather than realised on the ROI chart: the 80% interval of a projected ROI. */
export const PROJECTED_ROI_COLOR = OKABE_ITO.orange;
/** The runway's months to come: the actual colour's lighter neighbour, so projection reads as "more of the same". */
export const PROJECTION_COLOR = OKABE_ITO.skyBlue;
/** The runway's plan: a dark mark across each planned month, visible over both bar colours. */
export const PLAN_MARK_COLOR = OKABE_ITO.black;
/** Leads without a known source: grey, so the gap reads as missing data rather than a channel. */
export const UNKNOWN_COLOR = '#9E9E9E';
export const TEXT_COLOR = '#222222';
export const MUTED_TEXT_COLOR = '#666666';
export const GRID_COLOR = '#E6E6E6';
export const ZERO_LINE_COLOR = '#333333';
export const BACKGROUND_COLOR = '#FFFFFF';

/** Series colours for sources, in order of use (vermillion left out: it means "warning"). */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/**
 * @napi-rs/canvas ships no fonts; it draws with installed ones. DejaVu and Liberation come with most Linux images,
 * Arial with macOS and Windows, and the generic family catches the rest.
 */
export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

export function buildFont(sizePx: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight} ${sizePx}px ${FONT_FAMILY}`;
}
