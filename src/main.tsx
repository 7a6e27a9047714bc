/** Entry point: mounts the app shell. Part of the main bundle: keep it small. */
import { render } from 'preact';
import { App } from './app';
import './ui/global.css';

render(<App />, document.getElementById('app')!);
