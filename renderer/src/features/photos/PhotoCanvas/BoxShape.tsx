import type { Box } from '@contract/photos.ts';
import { captionPosition } from '../photo-geometry.ts';

export interface CanvasBox {
  key: string;
  box: Box;
  caption: string;
  kind: 'detected' | 'manual' | 'reference';
  active: boolean;
}

const COLORS: Record<CanvasBox['kind'], string> = {
  detected: 'var(--mantine-color-blue-5)',
  manual: 'var(--mantine-color-orange-5)',
  reference: 'var(--mantine-color-gray-5)',
};

const CAPTION_HEIGHT = 18;
// A rough width per character of the 12 px caption, so the label's background fits its text.
const CHAR_WIDTH = 6.6;

/** One box with its caption ("Banana 87 %"), coloured by where it came from. */
export function BoxShape({ box, shownBox }: { box: CanvasBox; shownBox: Box }): React.JSX.Element {
  const color = COLORS[box.kind];
  const at = captionPosition(shownBox, CAPTION_HEIGHT);
  const width = Math.ceil(box.caption.length * CHAR_WIDTH) + 8;
  return (
    <g data-testid="photo-box" data-kind={box.kind}>
      <rect
        x={shownBox.x}
        y={shownBox.y}
        width={shownBox.w}
        height={shownBox.h}
        fill={box.active ? 'rgba(255,255,255,0.12)' : 'none'}
        stroke={color}
        strokeWidth={box.active ? 4 : 2}
        strokeDasharray={box.kind === 'reference' ? '6 4' : undefined}
      />
      <rect x={at.x} y={at.y} width={width} height={CAPTION_HEIGHT} fill={color} rx={2} opacity={0.9} />
      <text x={at.x + 4} y={at.y + 13} fontSize={12} fill="white" fontFamily="inherit">
        {box.caption}
      </text>
    </g>
  );
}
