// A hook that loads data from the API when a page opens, and says whether it is still loading.
import { useEffect, useState } from 'react'

// `load` is a function of api.js, such as a list or a get, and `id` what it is called with
// (nothing for a list). When `id` changes, on a link to another row, it loads again.
export function useApi(load, id) {
  const [result, setResult] = useState(null)

  useEffect(() => {
    // When the page changes before the answer arrives (the user clicked on), the answer is
    // for a page that is gone: `ignore` drops it instead of showing stale data.
    let ignore = false
    load(id).then(
      (data) => {
        if (!ignore) setResult({ id, data, error: null })
      },
      (error) => {
        if (!ignore) setResult({ id, data: null, error })
      },
    )
    return () => {
      ignore = true
    }
  }, [load, id])

  // Until the answer for this id arrives, the page is loading, whatever came before.
  if (result === null || result.id !== id) return { data: null, error: null, loading: true }
  return { data: result.data, error: result.error, loading: false }
}
