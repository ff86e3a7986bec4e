'use client';

import { useEffect, useState } from 'react';
import { qrPath } from '../lib/qr-path';

/** A QR code of `text` as SVG, crisp at any size (for a projector); `qrcode` loads only when one is shown. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [symbol, setSymbol] = useState<{ size: number; path: string }>();

  useEffect(() => {
    let current = true;
    void import('qrcode').then(({ create }) => {
      const { modules } = create(text, { errorCorrectionLevel: 'M' });
      if (current) setSymbol({ size: modules.size, path: qrPath({ size: modules.size, get: (row, column) => modules.get(row, column) }) });
    });
    return () => {
      current = false;
    };
  }, [text]);

  if (!symbol) {
    return (
      <p className="loading" role="status">
        Drawing the QR code…
      </p>
    );
  }
  // four modules of quiet zone around the symbol, as readers need
  const box = symbol.size + 8;
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`-4 -4 ${box} ${box}`} shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={box} height={box} fill="#fff" />
      <path d={symbol.path} fill="#000" />
    </svg>
  );
}
