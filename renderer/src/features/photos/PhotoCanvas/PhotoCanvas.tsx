import { Box as MantineBox, Skeleton, Text } from '@mantine/core';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Box } from '@contract/photos.ts';
import { boxFromDrag, scaleBox, type Point, type Size } from '../photo-geometry.ts';
import { BoxShape, type CanvasBox } from './BoxShape.tsx';

interface PhotoCanvasProps {
  /** A data: URL of the photo, or null while it loads. */
  src: string | null;
  /** The stored photo's size in pixels (the boxes' frame). */
  photo: Size;
  boxes: CanvasBox[];
  /** Click-drag on the photo draws a box (handed to onDrawn in photo pixels). */
  drawing: boolean;
  onDrawn: (box: Box) => void;
  /** Whose box is drawn, for the hint under the photo ("Apples, raw", "a new item"). */
  drawingFor?: string;
  alt: string;
}

/** The photo with its boxes drawn over it, scaled to the width it is shown at. */
export function PhotoCanvas({
  src,
  photo,
  boxes,
  drawing,
  onDrawn,
  drawingFor,
  alt,
}: PhotoCanvasProps): React.JSX.Element {
  const image = useRef<HTMLImageElement>(null);
  const [shown, setShown] = useState<Size>({ width: 0, height: 0 });
  const [start, setStart] = useState<Point | null>(null);
  const [end, setEnd] = useState<Point | null>(null);

  useEffect(() => {
    const img = image.current;
    if (!img) return;
    const measure = (): void => setShown({ width: img.clientWidth, height: img.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(img);
    return () => observer.disconnect();
  }, [src]);

  const pointAt = (e: PointerEvent<SVGSVGElement>): Point => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const finish = (e: PointerEvent<SVGSVGElement>): void => {
    if (!start) return;
    const box = boxFromDrag(start, pointAt(e), photo, shown);
    setStart(null);
    setEnd(null);
    if (box) onDrawn(box);
  };

  if (!src) return <Skeleton height={320} aria-label="Loading the photo" />;

  const drafted = start && end ? boxFromDrag(start, end, photo, shown, 1) : null;
  const draft = drafted ? scaleBox(drafted, photo, shown) : null;
  return (
    <MantineBox pos="relative" style={{ lineHeight: 0 }} data-testid="photo-canvas">
      <img
        ref={image}
        src={src}
        alt={alt}
        onLoad={() =>
          image.current && setShown({ width: image.current.clientWidth, height: image.current.clientHeight })
        }
        style={{ width: '100%', height: 'auto', maxHeight: '70vh', objectFit: 'contain', borderRadius: 4 }}
        draggable={false}
      />
      {shown.width > 0 && (
        <svg
          width={shown.width}
          height={shown.height}
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            cursor: drawing ? 'crosshair' : 'default',
            pointerEvents: drawing ? 'auto' : 'none',
            touchAction: drawing ? 'none' : 'auto',
          }}
          role="img"
          aria-label={`${boxes.length} ${boxes.length === 1 ? 'box' : 'boxes'} on the photo`}
          onPointerDown={(e) => {
            if (!drawing) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            setStart(pointAt(e));
            setEnd(pointAt(e));
          }}
          onPointerMove={(e) => start && setEnd(pointAt(e))}
          onPointerUp={finish}
          onPointerCancel={() => {
            setStart(null);
            setEnd(null);
          }}
          data-testid="photo-overlay"
        >
          {boxes.map((b) => (
            <BoxShape key={b.key} box={b} shownBox={scaleBox(b.box, photo, shown)} />
          ))}
          {draft && (
            <rect
              x={draft.x}
              y={draft.y}
              width={draft.w}
              height={draft.h}
              fill="none"
              stroke="var(--mantine-color-orange-5)"
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          )}
        </svg>
      )}
      {drawing && (
        <Text size="xs" c="dimmed" mt={4} style={{ lineHeight: 1.4 }}>
          Drag across the food to draw the box for {drawingFor ?? 'a new item'} (Esc stops).
        </Text>
      )}
    </MantineBox>
  );
}
