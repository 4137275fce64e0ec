/**
 * `Watermark`: a text or image watermark, used in a `WatermarkTemplate` or inline in a job (up to three).
 * Field names are Tencent's (ci-api.md §7.4) in camelCase.
 */
import type { Problem, WatermarkPos, WatermarkSpec } from '../model';
import { IMAGE_WATERMARK_SHAPE, TEXT_WATERMARK_SHAPE } from './prop-shapes';
import { unknownProps } from './unknown-props';
import { toWire, type WireObject } from './wire-names';

/** Props a `Watermark.text/image` call was given that it does not know, reported by the construct using it. */
const UNKNOWN = new WeakMap<Watermark, readonly Problem[]>();

/** The unknown props of `watermark`, under `prefix` (`watermark`, `watermarks.1`). */
export function watermarkPropProblems(watermark: Watermark, prefix: string): Problem[] {
  return (UNKNOWN.get(watermark) ?? []).map((p) => ({ ...p, path: `${prefix}.${p.path}` }));
}

export interface WatermarkSlideProps {
  /** `ScrollFromLeft` scrolls the watermark (then `pos` and offsets are ignored). */
  readonly slideMode: 'Default' | 'ScrollFromLeft';
  /** [0, 10]. @default 0 */
  readonly xSlideSpeed?: number;
  /** [0, 10]. @default 0 */
  readonly ySlideSpeed?: number;
}

export interface WatermarkPlacementProps {
  /** Where on the frame. */
  readonly pos: WatermarkPos;
  /** `Absolute` offsets are pixels, `Relativity` offsets are percent. @default 'Absolute' */
  readonly locMode?: 'Relativity' | 'Absolute';
  /**
   * Horizontal offset (ignored for Top/Bottom/Center): pixels, an integer in [0, 4096] with `locMode` Absolute;
   * percent, an integer in [0, 100] with Relativity.
   * @default 0
   */
  readonly dx?: number;
  /**
   * Vertical offset (ignored for Left/Right/Center): pixels, an integer in [0, 4096] with `locMode` Absolute;
   * percent, an integer in [0, 100] with Relativity.
   * @default 0
   */
  readonly dy?: number;
  /** Seconds from the start of the video, ≥ 0 with at most 3 decimals. @default - from the start */
  readonly startTime?: number;
  /** Seconds from the start of the video. @default - until the end */
  readonly endTime?: number;
  /** A scrolling watermark. @default - a fixed position */
  readonly slideConfig?: WatermarkSlideProps;
}

export interface TextWatermarkProps extends WatermarkPlacementProps {
  /** At most 64 characters: CJK, letters, digits, `_`, `-`, `*`. */
  readonly text: string;
  /** [5, 100] px. @default 24 */
  readonly fontSize?: number;
  /**
   * One of Tencent's fonts, e.g. `arial.ttf`, `simhei.ttf` (CJK), with or without the extension (`simhei`, as
   * the PHP SDK's sample writes it). @default 'simhei.ttf'
   */
  readonly fontType?: string;
  /** `0xRRGGBB`. @default '0xFFFFFF' */
  readonly fontColor?: string;
  /** [1, 100] percent. @default 100 */
  readonly transparency?: number;
}

export interface ImageWatermarkProps extends WatermarkPlacementProps {
  /** URL of the watermark image, an object in the same bucket (URL-encoded). */
  readonly url: string;
  /** `Original` size, `Proportion` of the video, or `Fixed` pixels. @default 'Original' */
  readonly mode?: 'Original' | 'Proportion' | 'Fixed';
  /**
   * Pixels, an integer in [8, 4096], with `mode` Fixed; percent, an integer in [1, 100], with Proportion; not with
   * Original.
   * @default - keeps the aspect ratio
   */
  readonly width?: number;
  /**
   * Pixels, an integer in [8, 4096], with `mode` Fixed; percent, an integer in [1, 100], with Proportion; not with
   * Original.
   * @default - keeps the aspect ratio
   */
  readonly height?: number;
  /** [1, 100] percent. @default 100 */
  readonly transparency?: number;
  /** Use the image as a background. @default false */
  readonly background?: boolean;
}

function placement(props: WatermarkPlacementProps): WireObject {
  return toWire({
    pos: props.pos,
    locMode: props.locMode ?? 'Absolute',
    dx: props.dx ?? 0,
    dy: props.dy ?? 0,
    startTime: props.startTime,
    endTime: props.endTime,
    slideConfig:
      props.slideConfig && {
        slideMode: props.slideConfig.slideMode,
        xSlideSpeed: props.slideConfig.xSlideSpeed ?? 0,
        ySlideSpeed: props.slideConfig.ySlideSpeed ?? 0,
      },
  }) as WireObject;
}

/** A watermark value; build one with `Watermark.text(...)` or `Watermark.image(...)`. */
export class Watermark {
  static text(props: TextWatermarkProps): Watermark {
    const { Pos, LocMode, Dx, Dy, ...rest } = placement(props);
    return withUnknown(unknownProps(props, TEXT_WATERMARK_SHAPE), new Watermark({
      Type: 'Text',
      Pos,
      LocMode,
      Dx,
      Dy,
      ...rest,
      Text: toWire({
        fontSize: props.fontSize ?? 24,
        fontType: props.fontType ?? 'simhei.ttf',
        fontColor: props.fontColor ?? '0xFFFFFF',
        transparency: props.transparency ?? 100,
        text: props.text,
      }) as WireObject,
    } as unknown as WatermarkSpec));
  }

  static image(props: ImageWatermarkProps): Watermark {
    const { Pos, LocMode, Dx, Dy, ...rest } = placement(props);
    return withUnknown(unknownProps(props, IMAGE_WATERMARK_SHAPE), new Watermark({
      Type: 'Image',
      Pos,
      LocMode,
      Dx,
      Dy,
      ...rest,
      Image: toWire({
        url: props.url,
        mode: props.mode ?? 'Original',
        width: props.width,
        height: props.height,
        transparency: props.transparency ?? 100,
        background: props.background ?? false,
      }) as WireObject,
    } as unknown as WatermarkSpec));
  }

  /** The wire form (`Watermark` container). */
  readonly spec: WatermarkSpec;

  private constructor(spec: WatermarkSpec) {
    this.spec = spec;
  }
}

function withUnknown(problems: readonly Problem[], watermark: Watermark): Watermark {
  if (problems.length > 0) UNKNOWN.set(watermark, problems);
  return watermark;
}
