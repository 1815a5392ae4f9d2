/** Text as a regular expression source that matches it literally (names with dots, brackets, quotes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
