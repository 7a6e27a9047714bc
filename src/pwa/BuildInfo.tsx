/** Footer line naming the running build, so a learner can tell which version they have. */
import { BUILD_ID } from './build';

export function BuildInfo() {
  return (
    <p class="pwa-build">
      Briefdeck <span data-build={BUILD_ID}>{BUILD_ID}</span>
    </p>
  );
}
