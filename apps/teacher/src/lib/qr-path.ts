/** The dark modules of a QR symbol as one SVG path of unit squares, row by row (a run of modules is one rectangle). */
export function qrPath({ size, get }: { size: number; get(row: number, column: number): number }): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && get(row, column)) column++;
      parts.push(`M${start} ${row}h${column - start}v1h${start - column}z`);
    }
  }
  return parts.join('');
}
