package dev.civicloop.spi.model;

/**
 * The datum a point was reported in. Phones in China report GCJ-02 (Amap, Tencent maps, WeChat)
 * or BD-09 (Baidu); GPS and most of the world use WGS84. Points are kept as reported; the dispatch
 * module converts them.
 */
public enum CoordinateSystem {
    WGS84,
    GCJ02,
    BD09
}
