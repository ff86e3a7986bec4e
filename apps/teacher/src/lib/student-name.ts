/** Two names are the same student when they match ignoring case and surrounding or repeated spaces. */
export function studentKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}
