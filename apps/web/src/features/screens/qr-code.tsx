// The QR code of a screen's link, as SVG (one path of dark modules, a quiet zone of 4). Its own
// chunk, loaded only when a screen is created: the wall never carries the encoder.
import QRCode from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

export default function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++)
        if (modules.get(r, c)) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
    return { size: modules.size + 2 * QUIET, path: d };
  }, [text]);
  return (
    <svg
      className="sc-qr"
      data-testid="screen-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
