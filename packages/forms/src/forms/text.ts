import type { LocalizedText } from '@visieleren/core';

/** Short constructor for a Dutch/English text pair in form definitions. */
export const l = (nl: string, en: string): LocalizedText => ({ nl, en });
