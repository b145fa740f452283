package dev.civicloop.spi.model;

/** The new-employment occupations (新就业群体) of the glossary. */
public enum Occupation {
    DELIVERY_RIDER,
    COURIER,
    RIDE_HAILING_DRIVER,
    TRUCK_DRIVER,
    LIVE_STREAMER,
    ONLINE_SELLER
}
