/** The build this page runs, set at build time (BRIEFDECK_BUILD_ID or the package version). */
export const BUILD_ID: string = import.meta.env.BRIEFDECK_BUILD ?? 'dev';
