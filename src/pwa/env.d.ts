/** Build-time constants that vite.config.ts defines for the PWA code. */
interface ImportMetaEnv {
  /** Which build this is; shown in the footer and used to tell versions apart. */
  readonly BRIEFDECK_BUILD?: string;
}
