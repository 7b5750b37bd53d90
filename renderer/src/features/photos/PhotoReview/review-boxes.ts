import type { PhotoAnalysis } from '@contract/photos.ts';
import type { CanvasBox } from '../PhotoCanvas/BoxShape.tsx';
import { percentText } from '../photo-text.ts';
import type { ReviewItem } from '../review-items.ts';

function shortName(name: string): string {
  return name.split(',')[0]?.trim() || name;
}

/** The boxes to draw: each item with a box (captioned with its food and confidence) and the plates. */
export function canvasBoxes(
  items: readonly ReviewItem[],
  references: PhotoAnalysis['references'],
  activeKey: string | null,
): CanvasBox[] {
  const out: CanvasBox[] = [];
  for (const item of items) {
    if (!item.box) continue;
    const name = item.hit ? shortName(item.hit.name) : (item.detected?.label ?? 'New item');
    out.push({
      key: item.key,
      box: item.box,
      caption: item.detected && item.origin === 'detected' ? `${name} ${percentText(item.detected.confidence)}` : name,
      kind: item.origin,
      active: item.key === activeKey,
    });
  }
  references.forEach((r, i) =>
    out.push({ key: `ref-${i}`, box: r.box, caption: `${r.label} (size reference)`, kind: 'reference', active: false }),
  );
  return out;
}
