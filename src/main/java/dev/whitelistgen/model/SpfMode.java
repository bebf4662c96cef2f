package dev.whitelistgen.model;

/** How a customer's SPF record authorises the vendor. */
public enum SpfMode {
    /** The server's include where the profile has one (the articles' advice), its networks otherwise. */
    AUTO,
    /** Only the include: the vendor can change servers without the customer editing DNS. */
    INCLUDE,
    /** ip4:/ip6: terms for the server's networks: no extra lookup, but breaks when the vendor moves. */
    IP
}
