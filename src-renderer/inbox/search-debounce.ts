/**
 * How long typing in the inbox's search must pause before the filter follows (SearchBox.tsx): a pause
 * this long ends a word. 180 ms until stop 31: with the search's own 55-70 ms at 200,000 mentions,
 * first rows came 235-252 ms after the last key (inbox bench), against a target of 250.
 */
export const SEARCH_DEBOUNCE_MS = 150;
