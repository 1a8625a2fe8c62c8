// A Teams-like host config (light theme) for rendering Haven's cards with the adaptivecards library.
// Modelled on the "Microsoft Teams - Light" host config of the Adaptive Cards designer, with two
// deliberate changes: the good and warning text colours are darkened so they stay readable on a white
// card (Teams' own #92C353 and #F8D22A are near-invisible there), and the font stack falls back to
// the system font, then Arial metrics, where Segoe UI is not installed. Colours with 8 hex digits are #AARRGGBB.

// Teams' own stack, then Arial-metric fonts: on Linux, system-ui is usually DejaVu Sans, far wider
// than Segoe UI, which would wrap lines (e.g. FactSet titles) that fit in Teams.
export const TEAMS_FONT_STACK =
  "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";

/** Teams light theme colours used by the host config and by the gallery page's CSS. */
export const TEAMS_COLOURS = {
  accent: '#6264A7',
  accentHover: '#585A96',
  text: '#242424',
  subtle: '#616161',
  border: '#E0E0E0',
  chatBackground: '#F5F5F5',
  card: '#FFFFFF',
  emphasis: '#F5F5F5',
  good: '#237B4B',
  goodBackground: '#E7F2DA',
  warning: '#835B00',
  warningBackground: '#FBF6D9',
  attention: '#C4314B',
  attentionBackground: '#FCF4F6',
} as const;

const c = TEAMS_COLOURS;

function foregrounds(defaultText: string = c.text) {
  return {
    default: { default: defaultText, subtle: c.subtle },
    dark: { default: c.text, subtle: c.subtle },
    light: { default: '#FFFFFF', subtle: '#E5FFFFFF' },
    accent: { default: c.accent, subtle: '#8B8CC7' },
    good: { default: c.good, subtle: '#CC237B4B' },
    warning: { default: c.warning, subtle: '#CC835B00' },
    attention: { default: c.attention, subtle: '#CCC4314B' },
  };
}

const fontWeights = { lighter: 200, default: 400, bolder: 600 };

export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  fontTypes: {
    default: { fontFamily: TEAMS_FONT_STACK, fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 }, fontWeights },
    monospace: {
      fontFamily: "Consolas, 'Courier New', 'Liberation Mono', monospace",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights,
    },
  },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: c.border },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: { backgroundColor: c.card, borderColor: c.border, foregroundColors: foregrounds() },
    emphasis: { backgroundColor: c.emphasis, borderColor: c.border, foregroundColors: foregrounds() },
    accent: { backgroundColor: '#E8EBFA', borderColor: '#C5CBFA', foregroundColors: foregrounds() },
    good: { backgroundColor: c.goodBackground, borderColor: '#BDDA9B', foregroundColors: foregrounds() },
    warning: { backgroundColor: c.warningBackground, borderColor: '#F2E384', foregroundColors: foregrounds() },
    attention: { backgroundColor: c.attentionBackground, borderColor: '#F3D6DB', foregroundColors: foregrounds() },
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
    iconPlacement: 'LeftOfTitle',
    allowTitleToWrap: false,
    iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  imageSet: { imageSize: 'Medium', maxImageHeight: 100 },
  factSet: {
    title: { color: 'Default', size: 'Default', isSubtle: false, weight: 'Bolder', wrap: true, maxWidth: 150 },
    value: { color: 'Default', size: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
  inputs: {
    label: {
      inputSpacing: 'Small',
      requiredInputs: { weight: 'Default', suffix: ' *', suffixColor: 'Attention' },
      optionalInputs: { weight: 'Default' },
    },
    errorMessage: { size: 'Small', color: 'Attention' },
  },
  textBlock: { headingLevel: 2 },
  textStyles: {
    heading: { size: 'Large', weight: 'Bolder', color: 'Default', isSubtle: false, fontType: 'Default' },
    columnHeader: { size: 'Default', weight: 'Bolder', color: 'Default', isSubtle: false, fontType: 'Default' },
  },
};
