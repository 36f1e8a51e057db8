"""The shared base every layer imports (paths, the warehouse file and its writer lock, the next-command hint); it imports none of them."""
