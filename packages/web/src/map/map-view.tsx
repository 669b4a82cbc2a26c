import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Index,
  on,
  onCleanup,
  onMount,
  Show,
  untrack,
} from "solid-js";
import { t, tx } from "../i18n";
import { appConfig, loadAppConfig } from "./app-config";
import { areaAt, areaLayer, KUWAIT_BBOX, loadAreaLayer, REF_ZOOM } from "./areas";
import { fromScreen, project, TILE, toScreen, viewBounds, zoomToFit, type LngLat, type Point, type View } from "./projection";
import "./map.css";

export type { LngLat } from "./projection";

export type MarkerTone = "open" | "closed" | "overdue" | "neutral";

export interface MapMarker {
  id: string;
  lat: number;
  lng: number;
  /** Read out by screen readers and shown as the marker's tooltip. */
  label: string;
  tone?: MarkerTone;
}

export interface MapViewProps {
  /** The map's accessible name. */
  label: string;
  /** The resident's pin; with `onPinChange` it can be dragged, moved by keyboard or placed by a tap. */
  pin?: LngLat | null;
  onPinChange?: (point: LngLat) => void;
  /** Shown beside the pin, e.g. the name of the area it stands in. */
  pinLabel?: string | null;
  markers?: MapMarker[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  /** When this changes the map moves there (zoom defaults to street level). */
  focus?: (LngLat & { zoom?: number }) | null;
  /** After the view settles: the visible [minLng, minLat, maxLng, maxLat] and the zoom. */
  onViewChange?: (bounds: [number, number, number, number], zoom: number) => void;
  class?: string;
}

const MIN_ZOOM = 6;
const MAX_ZOOM = 19;
const MAX_TILE_ZOOM = 19;
const STREET_ZOOM = 16;
/** From this zoom on, area names are written on the map. */
const LABEL_ZOOM = 11;
const PAN_STEP = 80;
const PIN_STEP = 6;
const TAP_SLOP = 6;

const clampZoom = (z: number) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function tileUrl(template: string, z: number, x: number, y: number): string {
  return template
    .replace("{z}", String(z))
    .replace("{x}", String(x))
    .replace("{y}", String(y))
    .replace("{s}", "abc"[(x + y) % 3] ?? "a");
}

/**
 * A small slippy map: SVG, Web Mercator, tiles from a `{z}/{x}/{y}` template when one is
 * configured, and the imported area outlines as its base layer so it works with no network.
 */
export function MapView(props: MapViewProps) {
  const helpId = createUniqueId();
  const [size, setSize] = createSignal({ width: 0, height: 0 });
  const [center, setCenter] = createSignal<LngLat>({
    lng: (KUWAIT_BBOX[0] + KUWAIT_BBOX[2]) / 2,
    lat: (KUWAIT_BBOX[1] + KUWAIT_BBOX[3]) / 2,
  });
  const [zoom, setZoom] = createSignal(8);
  const [dragPin, setDragPin] = createSignal<LngLat | null>(null);
  let fitted = false;
  let surface!: HTMLDivElement;

  const view = createMemo<View>(() => ({ center: center(), zoom: zoom(), ...size() }));
  const pinAt = () => dragPin() ?? props.pin ?? null;
  const pinScreen = createMemo(() => {
    const p = pinAt();
    return p ? toScreen(view(), p) : null;
  });

  onMount(() => {
    void loadAreaLayer();
    void loadAppConfig();
    const observer = new ResizeObserver(() => setSize({ width: surface.clientWidth, height: surface.clientHeight }));
    observer.observe(surface);
    onCleanup(() => observer.disconnect());
  });

  // The first view shows the asked-for focus, the pin, or the whole country; later changes of size keep the centre.
  createEffect(() => {
    const { width, height } = size();
    if (fitted || width === 0 || height === 0) return;
    fitted = true;
    const bbox = areaLayer()?.bbox ?? KUWAIT_BBOX;
    const pin = untrack(() => props.pin);
    const focus = untrack(() => props.focus);
    if (focus) {
      // A view asked for before the map had a size wins over the whole-country view.
      setCenter({ lat: focus.lat, lng: focus.lng });
      setZoom(clampZoom(focus.zoom ?? STREET_ZOOM));
    } else if (pin) {
      setCenter(pin);
      setZoom(STREET_ZOOM);
    } else {
      setCenter({ lng: (bbox[0] + bbox[2]) / 2, lat: (bbox[1] + bbox[3]) / 2 });
      setZoom(clampZoom(zoomToFit(bbox, width, height) - 0.1));
    }
  });

  createEffect(
    on(
      () => props.focus,
      (focus) => {
        if (!focus) return;
        setCenter({ lat: focus.lat, lng: focus.lng });
        setZoom(clampZoom(focus.zoom ?? Math.max(STREET_ZOOM, untrack(zoom))));
        settle();
      },
    ),
  );

  // A pin set from outside (typed coordinates, "use my location") is brought into view.
  createEffect(
    on(
      () => props.pin,
      (pin) => {
        if (!pin || dragPin()) return;
        const s = toScreen(untrack(view), pin);
        const { width, height } = untrack(size);
        if (width && (s.x < 24 || s.y < 48 || s.x > width - 24 || s.y > height - 8)) {
          setCenter(pin);
          settle();
        }
      },
      { defer: true },
    ),
  );

  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  function settle() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => props.onViewChange?.(viewBounds(view()), zoom()), 250);
  }
  onCleanup(() => clearTimeout(settleTimer));

  function panBy(dx: number, dy: number) {
    const v = view();
    setCenter(fromScreen(v, { x: v.width / 2 + dx, y: v.height / 2 + dy }));
  }

  /** Zooms keeping the place under `at` (screen px) where it is. */
  function zoomAround(at: Point, next: number) {
    const v = view();
    const z = clampZoom(next);
    const anchor = fromScreen(v, at);
    const moved = toScreen({ ...v, zoom: z }, anchor);
    setZoom(z);
    setCenter(fromScreen({ ...v, zoom: z }, { x: v.width / 2 + moved.x - at.x, y: v.height / 2 + moved.y - at.y }));
    settle();
  }

  const middle = (): Point => ({ x: size().width / 2, y: size().height / 2 });

  // --- Pointer: one finger or the mouse pans, two fingers pinch, a tap places the pin. ---
  const pointers = new Map<number, Point>();
  let gesture: { start: Point; moved: boolean; pinch: number | null } | null = null;

  const local = (e: PointerEvent | WheelEvent): Point => {
    const r = surface.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  function onPointerDown(e: PointerEvent) {
    if (e.button !== 0 && e.pointerType === "mouse") return;
    if ((e.target as Element).closest(".map-marker, .map-pin")) return;
    surface.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, local(e));
    gesture = { start: local(e), moved: pointers.size > 1, pinch: null };
  }

  function onPointerMove(e: PointerEvent) {
    const previous = pointers.get(e.pointerId);
    if (!previous || !gesture) return;
    const now = local(e);
    pointers.set(e.pointerId, now);
    if (pointers.size >= 2) {
      const [a, b] = [...pointers.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (gesture.pinch !== null && distance > 0)
        zoomAround({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, zoom() + Math.log2(distance / gesture.pinch));
      gesture.pinch = distance;
      gesture.moved = true;
      return;
    }
    if (!gesture.moved && Math.hypot(now.x - gesture.start.x, now.y - gesture.start.y) < TAP_SLOP) return;
    gesture.moved = true;
    panBy(previous.x - now.x, previous.y - now.y);
  }

  function onPointerUp(e: PointerEvent) {
    if (!pointers.delete(e.pointerId) || !gesture) return;
    if (pointers.size > 0) {
      gesture.pinch = null;
      return;
    }
    if (!gesture.moved && e.type === "pointerup" && props.onPinChange) {
      const p = fromScreen(view(), local(e));
      props.onPinChange({ lat: round6(p.lat), lng: round6(p.lng) });
    } else settle();
    gesture = null;
  }

  function onWheel(e: WheelEvent) {
    e.preventDefault();
    const step = e.deltaMode === 1 ? e.deltaY * 0.05 : e.deltaY * 0.002;
    zoomAround(local(e), zoom() - step);
  }

  function onSurfaceKey(e: KeyboardEvent) {
    if (e.target !== surface) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-PAN_STEP, 0],
      ArrowRight: [PAN_STEP, 0],
      ArrowUp: [0, -PAN_STEP],
      ArrowDown: [0, PAN_STEP],
    };
    const move = moves[e.key];
    if (move) {
      panBy(...move);
      settle();
    } else if (e.key === "+" || e.key === "=") zoomAround(middle(), Math.round(zoom()) + 1);
    else if (e.key === "-" || e.key === "_") zoomAround(middle(), Math.round(zoom()) - 1);
    else if ((e.key === "Enter" || e.key === " ") && props.onPinChange) {
      const p = center();
      props.onPinChange({ lat: round6(p.lat), lng: round6(p.lng) });
    } else return;
    e.preventDefault();
  }

  // --- The pin: dragged with a finger or the mouse, or moved with the arrow keys. ---
  let pinGrab: Point | null = null;

  function onPinDown(e: PointerEvent) {
    const at = pinScreen();
    if (!props.onPinChange || !at) return;
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const p = local(e);
    pinGrab = { x: at.x - p.x, y: at.y - p.y };
  }

  function onPinMove(e: PointerEvent) {
    if (!pinGrab) return;
    e.stopPropagation();
    const p = local(e);
    setDragPin(fromScreen(view(), { x: p.x + pinGrab.x, y: p.y + pinGrab.y }));
  }

  function onPinUp(e: PointerEvent) {
    if (!pinGrab) return;
    e.stopPropagation();
    pinGrab = null;
    const p = dragPin();
    setDragPin(null);
    if (p) props.onPinChange?.({ lat: round6(p.lat), lng: round6(p.lng) });
  }

  function onPinKey(e: KeyboardEvent) {
    const at = pinScreen();
    if (!props.onPinChange || !at) return;
    const step = e.shiftKey ? PIN_STEP * 5 : PIN_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    e.stopPropagation();
    const p = fromScreen(view(), { x: at.x + move[0], y: at.y + move[1] });
    props.onPinChange({ lat: round6(p.lat), lng: round6(p.lng) });
  }

  // --- Layers ---
  const tiles = createMemo(() => {
    const template = appConfig()?.tileUrl;
    const v = view();
    if (!template || v.width === 0) return [];
    const z = Math.max(0, Math.min(MAX_TILE_ZOOM, Math.round(v.zoom)));
    const scale = 2 ** (v.zoom - z);
    const size = TILE * scale;
    const c = project(v.center);
    const cx = c.x * 2 ** z;
    const cy = c.y * 2 ** z;
    const left = cx - v.width / 2 / scale;
    const top = cy - v.height / 2 / scale;
    const count = 2 ** z;
    const out: { key: string; href: string; x: number; y: number; size: number }[] = [];
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + v.height / scale) / TILE); ty++) {
      if (ty < 0 || ty >= count) continue;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + v.width / scale) / TILE); tx++) {
        const wrapped = ((tx % count) + count) % count;
        out.push({
          key: `${z}/${tx}/${ty}`,
          href: tileUrl(template, z, wrapped, ty),
          x: (tx * TILE - left) * scale,
          y: (ty * TILE - top) * scale,
          size: size + 0.5,
        });
      }
    }
    return out;
  });

  const layerTransform = createMemo(() => {
    const layer = areaLayer();
    if (!layer) return "";
    const v = view();
    const s = 2 ** v.zoom;
    const c = project(v.center);
    const x = v.width / 2 + (layer.origin.x - c.x) * s;
    const y = v.height / 2 + (layer.origin.y - c.y) * s;
    return `translate(${x} ${y}) scale(${s / 2 ** REF_ZOOM})`;
  });

  const pinArea = createMemo(() => {
    const p = props.pin;
    return p ? areaAt(areaLayer(), p) : null;
  });

  // Area names once the map is close enough to read them, for those in view and wide enough.
  const labels = createMemo(() => {
    const layer = areaLayer();
    const v = view();
    if (!layer || v.zoom < LABEL_ZOOM || v.width === 0) return [];
    const scale = 2 ** v.zoom;
    const out: { id: string; x: number; y: number; name: string }[] = [];
    // The pin's own area is named beside the pin.
    const skip = props.pinLabel ? pinArea()?.id : undefined;
    for (const area of layer.areas) {
      if (area.id === skip) continue;
      const widthPx = ((area.bbox[2] - area.bbox[0]) / 360) * TILE * scale;
      if (widthPx < 70) continue;
      const at = toScreen(v, area.labelAt);
      if (at.x < -40 || at.y < -10 || at.x > v.width + 40 || at.y > v.height + 10) continue;
      out.push({ id: area.id, x: at.x, y: at.y, name: tx(area.name) });
    }
    return out;
  });

  const markerPosition = (m: MapMarker) => {
    const s = toScreen(view(), m);
    return `translate(${s.x}px, ${s.y}px)`;
  };

  return (
    <div class={`map ${props.class ?? ""}`} classList={{ "map-tiled": tiles().length > 0 }}>
      <div
        ref={surface}
        class="map-surface"
        dir="ltr"
        tabindex="0"
        role="application"
        aria-label={props.label}
        aria-describedby={helpId}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onWheel={onWheel}
        onKeyDown={onSurfaceKey}
      >
        <svg class="map-svg" width={size().width} height={size().height} aria-hidden="true">
          <g class="map-tiles">
            <For each={tiles()}>
              {(tile) => (
                <image href={tile.href} x={tile.x} y={tile.y} width={tile.size} height={tile.size} preserveAspectRatio="none" />
              )}
            </For>
          </g>
          <Show when={areaLayer()}>
            {(layer) => (
              <g transform={layerTransform()}>
                <path class="map-areas" d={layer().outline} fill-rule="evenodd" vector-effect="non-scaling-stroke" />
                <Show when={pinArea()}>
                  {(area) => (
                    <path class="map-area-active" d={area().path} fill-rule="evenodd" vector-effect="non-scaling-stroke" />
                  )}
                </Show>
              </g>
            )}
          </Show>
          <g class="map-labels">
            {/* By position, not identity: panning moves the same nodes instead of rebuilding them. */}
            <Index each={labels()}>
              {(label) => (
                <text x={label().x} y={label().y} text-anchor="middle">
                  {label().name}
                </text>
              )}
            </Index>
          </g>
        </svg>
        <For each={props.markers ?? []}>
          {(marker) => (
            <button
              type="button"
              class={`map-marker tone-${marker.tone ?? "neutral"}`}
              classList={{ selected: props.selectedId === marker.id }}
              style={{ transform: markerPosition(marker) }}
              title={marker.label}
              aria-label={marker.label}
              aria-pressed={props.onSelect ? props.selectedId === marker.id : undefined}
              onClick={() => props.onSelect?.(marker.id)}
            />
          )}
        </For>
        <Show when={pinScreen()}>
          {(at) => (
            <div class="map-pin-anchor" style={{ transform: `translate(${at().x}px, ${at().y}px)` }}>
              <Show when={props.pinLabel}>
                {/* The box keeps the map's left-to-right placement; the text inside takes its own direction. */}
                <span class="map-pin-label">
                  <bdi>{props.pinLabel}</bdi>
                </span>
              </Show>
              <button
                type="button"
                class="map-pin"
                classList={{ dragging: dragPin() !== null }}
                aria-label={t("map.pin", { lat: (pinAt()?.lat ?? 0).toFixed(5), lng: (pinAt()?.lng ?? 0).toFixed(5) })}
                aria-describedby={props.onPinChange ? `${helpId}-pin` : undefined}
                onPointerDown={onPinDown}
                onPointerMove={onPinMove}
                onPointerUp={onPinUp}
                onPointerCancel={onPinUp}
                onKeyDown={onPinKey}
              >
                <svg viewBox="0 0 32 42" width="32" height="42" aria-hidden="true">
                  <path d="M16 41C16 41 3 24.5 3 15a13 13 0 0 1 26 0c0 9.5-13 26-13 26z" />
                  <circle cx="16" cy="15" r="5" />
                </svg>
              </button>
            </div>
          )}
        </Show>
      </div>
      <div class="map-controls">
        <button
          type="button"
          aria-label={t("map.zoomIn")}
          title={t("map.zoomIn")}
          onClick={() => zoomAround(middle(), Math.round(zoom()) + 1)}
        >
          +
        </button>
        <button
          type="button"
          aria-label={t("map.zoomOut")}
          title={t("map.zoomOut")}
          onClick={() => zoomAround(middle(), Math.round(zoom()) - 1)}
        >
          −
        </button>
      </div>
      <Show when={tiles().length > 0 && appConfig()?.tileAttribution}>
        {(text) => <small class="map-attribution">{text()}</small>}
      </Show>
      <p id={helpId} class="visually-hidden">
        {props.onPinChange ? t("map.helpPin") : t("map.help")}
      </p>
      <Show when={props.onPinChange}>
        <p id={`${helpId}-pin`} class="visually-hidden">
          {t("map.pinHelp")}
        </p>
      </Show>
    </div>
  );
}
