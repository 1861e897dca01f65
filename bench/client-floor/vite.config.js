// The bare minimum of a Vite React app: the floor a generated client's bundle is compared with.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({ plugins: [react()] })
