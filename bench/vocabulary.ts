/** Household products customers ask about, for the benchmarks' generated questions. */
export const PRODUCTS =
  `battery charger cable blender kettle toaster fridge freezer microwave oven cooker laptop
  tablet phone headphones speaker television router printer monitor keyboard mouse sofa mattress
  pillow curtain lamp bulb fan heater iron vacuum mixer juicer grill pan pot knife glass mug plate
  drill ladder paint tile tap shower towel blanket carpet desk chair wardrobe shelf mirror clock`
    .split(/\s+/)
    .filter(Boolean);
