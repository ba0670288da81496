package org.worldmodels.mdn;

import java.lang.reflect.InvocationTargetException;

/** User-defined component families, one instance per class, made on first use. */
final class Families {
  private Families() {}

  /** Instances by class; a failed construction is not cached, so it is reported on every use. */
  static final ClassValue<ComponentFamily> USER_DEFINED =
      new ClassValue<>() {
        @Override
        protected ComponentFamily computeValue(Class<?> c) {
          String why;
          Throwable cause;
          try {
            return (ComponentFamily) c.getConstructor().newInstance();
          } catch (NoSuchMethodException e) {
            why = "has no public no-argument constructor";
            cause = e;
          } catch (InvocationTargetException e) {
            cause = e.getCause();
            why = "constructor threw " + cause;
          } catch (InstantiationException | IllegalAccessException | RuntimeException e) {
            why = "cannot be instantiated: " + e;
            cause = e;
          }
          throw new IllegalArgumentException(
              "family '"
                  + c.getName()
                  + "' "
                  + why
                  + "; a ComponentFamily needs a public"
                  + " no-argument constructor that returns normally",
              cause);
        }
      };
}
