/**
 * zod, configured once for the whole house: every model file imports `z` from here, so the
 * setting below is in force before any schema is built (zod reads it when an object schema is
 * made, not when it parses).
 *
 * Jitless: zod would otherwise compile a parser per object schema with `new Function` (and probe
 * `new Function("")` first, which a strict Content-Security-Policy reports), keeping the code and
 * its closures for the life of the page: about 150 KB after a 1,000-step import. The interpreted
 * path costs more per parse (a 4,000-step map: 79 ms against 54, median of 9); maps are parsed on
 * open, import and paste, and in a live room on each remote edit (a few ms at workshop sizes).
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
