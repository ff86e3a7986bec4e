import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import { qrPath } from './qr-path';

function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let column = Number(x); column < Number(x) + Number(width); column++) {
      const line = grid[Number(y)];
      if (line) line[column] = true;
    }
  }
  return grid;
}

test('the path draws exactly the dark modules of the symbol qrcode makes', () => {
  const { modules } = QRCode.create('http://localhost:3001/exams/3f1c2a9e-5b6d-4e7f-8a9b-0c1d2e3f4a5b', { errorCorrectionLevel: 'M' });
  const grid = modulesOf(qrPath({ size: modules.size, get: (row, column) => modules.get(row, column) }), modules.size);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      assert.equal(grid[row]?.[column], Boolean(modules.get(row, column)), `module ${row},${column}`);
    }
  }
});
