import type { PhotoAnalysis } from '@contract/photos.ts';
import type { CanvasBox } from '../PhotoCanvas/BoxShape.tsx';
import { classLabelText, percentText, shortFoodName } from '../photo-text.ts';
import type { ReviewItem } from '../review-items.ts';

/** The boxes to draw: each item with a box (captioned with its food and confidence) and the plates. */
export function canvasBoxes(
  items: readonly ReviewItem[],
  references: PhotoAnalysis['references'],
  activeKey: string | null,
): CanvasBox[] {
  const out: CanvasBox[] = [];
  for (const item of items) {
    if (!item.box) continue;
    // A detected item whose food is still the detector's own mapping is captioned with the class ("Pizza"):
    // the food table's name can start with where the food is from ("Fast Food, Pizza Chain, …").
    const asDetected = item.detected && (item.hit === null || item.hit.id === item.detected.foodId);
    const name = asDetected
      ? classLabelText(item.detected!.label)
      : item.hit
        ? shortFoodName(item.hit.name)
        : 'New item';
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
