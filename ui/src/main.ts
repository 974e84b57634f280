import { mount } from 'svelte'
import { startTheme } from './lib/theme'
import App from './App.svelte'
import './app.css'

// First: the page's colours are set before anything is drawn.
startTheme()

const target = document.getElementById('app')
if (!target) throw new Error('missing #app')
export default mount(App, { target })
