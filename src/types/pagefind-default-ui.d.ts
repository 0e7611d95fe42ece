declare module '@pagefind/default-ui' {
  export interface PagefindUIOptions {
    element: string | HTMLElement;
    bundlePath?: string;
    showImages?: boolean;
    showSubResults?: boolean;
    resetStyles?: boolean;
  }
  export class PagefindUI {
    constructor(options: PagefindUIOptions);
  }
}
